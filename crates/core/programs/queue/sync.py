import queue

WORK = [15, 10, 5, 2]  # param: work
TASKS = 2  # param: tasks
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


def task(name, work_queue):
    if work_queue.empty():
        print(f"Task {name} nothing to do")
        return
    while not work_queue.empty():
        count = work_queue.get()
        print(f"Task {name} running")
        total = 0
        for _ in range(count):
            total += 1
        print(f"Task {name} total: {total}")


work_queue = queue.Queue()
for work in WORK:
    work_queue.put(work)
for name in NAMES[:TASKS]:
    task(name, work_queue)  # a plain call: to its end
