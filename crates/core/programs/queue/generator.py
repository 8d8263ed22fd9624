import queue

WORK = [15, 10, 5, 2]  # param: work
TASKS = 2  # param: tasks
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


def task(name, work_queue):
    while not work_queue.empty():
        count = work_queue.get()
        print(f"Task {name} running")
        total = 0
        for _ in range(count):
            total += 1
            yield  # back to the loop below
        print(f"Task {name} total: {total}")


work_queue = queue.Queue()
for work in WORK:
    work_queue.put(work)
tasks = [task(name, work_queue) for name in NAMES[:TASKS]]
while tasks:  # a tiny round-robin event loop
    for t in list(tasks):
        try:
            next(t)
        except StopIteration:
            tasks.remove(t)
