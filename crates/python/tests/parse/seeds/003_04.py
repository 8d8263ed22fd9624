import datetime
import threading
import time
def task(duration):
    print("starting task", datetime.datetime.now())
    time.sleep(duration)  # or do some IO operation
    print("stopping task", datetime.datetime.now())
def main():
    t1 = threading.Thread(target=task, args=(5,))
    t2 = threading.Thread(target=task, args=(10,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
if __name__ == "__main__":
    s = time.perf_counter()
    main()
    elapsed = time.perf_counter() - s
    print(f"{__file__} executed in {elapsed:0.2f} seconds.")
