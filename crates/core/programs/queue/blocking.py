import queue
import time

WORK = [15, 10, 5, 2]  # param: work
TASKS = 2  # param: tasks
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


def task(name, work_queue):
    while not work_queue.empty():
        delay = work_queue.get()
        print(f"Task {name} running")
        t0 = time.perf_counter()
        time.sleep(delay)  # blocks everything
        took = time.perf_counter() - t0
        print(f"Task {name} elapsed time: {took:.1f}")
        yield


work_queue = queue.Queue()
for work in WORK:
    work_queue.put(work)
tasks = [task(name, work_queue) for name in NAMES[:TASKS]]
start = time.perf_counter()
while tasks:  # the same round-robin loop
    for t in list(tasks):
        try:
            next(t)
        except StopIteration:
            tasks.remove(t)
total = time.perf_counter() - start
print(f"Total elapsed time: {total:.1f}")
