import time

DURATIONS = [5, 10]  # param: durations


def task(duration):
    t = time.perf_counter() - start
    print(f"starting task {t:.3f}")
    time.sleep(duration)  # blocks
    t = time.perf_counter() - start
    print(f"stopping task {t:.3f}")


start = time.perf_counter()
for duration in DURATIONS:
    task(duration)  # one after the other
took = time.perf_counter() - start
print(f"executed in {took:0.2f} seconds.")
