# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 004_b96deb0ed91b0117.txt, block 0 (lines 44-68)
# demonstrates: synchronous tasks draining a queue.Queue (the first task does all the work)
# edits: none (the block as published)

import queue
def task(name, sample_queue):
    if sample_queue.empty():
        print(f'Task {name} has nothing to do')
    else:
        while not sample_queue.empty():
            cnt = sample_queue.get()
            total = 0
            for x in range(cnt):
                print(f'Task {name} is running now')
                total += 1
            print(f'Task {name} is running with a total of: {total}')
def sample_async():
    sample_queue = queue.Queue()
    for work in [2, 5, 10, 15, 20]:
        sample_queue.put(work)
    tasks = [
        (task, 'Async1', sample_queue),
        (task, 'Async2', sample_queue),
        (task, 'Async3', sample_queue)
    ]
    for t, n, q in tasks:
        t(n, q)
if __name__ == '__main__':
    sample_async()
