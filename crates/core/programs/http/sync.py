import queue
import time

import requests

# param: urls
URLS = ["data/a.json", "data/b.json", "data/c.json", "data/d.json", "data/e.json", "data/f.json", "data/g.json"]
TASKS = 2  # param: tasks
# param: latency
LATENCY_MS = [300, 800, 400, 300, 500, 500, 400]
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


def task(name, work):
    while not work.empty():
        url, extra = work.get()
        print(f"Task {name} getting URL: {url}")
        t0 = time.perf_counter()
        time.sleep(extra)  # added latency
        response = requests.get(url)  # blocks
        response.raise_for_status()
        took = time.perf_counter() - t0
        print(f"Task {name} elapsed time: {took:.1f}")
        yield  # the other task's turn


if len(LATENCY_MS) == 1:  # one latency for every URL
    LATENCY_MS = LATENCY_MS * len(URLS)
work = queue.Queue()
for url, ms in zip(URLS, LATENCY_MS):
    work.put((url, ms / 1000))
tasks = [task(name, work) for name in NAMES[:TASKS]]
start = time.perf_counter()
while tasks:  # round-robin, as before
    for t in list(tasks):
        try:
            next(t)
        except StopIteration:
            tasks.remove(t)
total = time.perf_counter() - start
print(f"Total elapsed time: {total:.1f}")
