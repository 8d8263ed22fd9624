import datetime
import time
def task(duration):
    print("starting task", datetime.datetime.now())
    time.sleep(duration)  # or do some IO operation
    print("stopping task", datetime.datetime.now())
def main():
    task(5)
    task(10)
if __name__ == "__main__":
    s = time.perf_counter()
    main()
    elapsed = time.perf_counter() - s
    print(f"{__file__} executed in {elapsed:0.2f} seconds.")
