import time

LETTERS = ["A", "B", "C"]  # param: letters
DELAYS = [1, 0.8, 0.5]  # param: delays
COUNT = 3  # param: count


def count_down(name, delay, column):
    indent = "\t" * column
    for n in range(COUNT, 0, -1):
        time.sleep(delay)  # holds everything
        t = time.perf_counter() - start
        print(f"{t:.4f} \t{indent}{name} = {n}")


start = time.perf_counter()
for column, name in enumerate(LETTERS):
    count_down(name, DELAYS[column], column)  # in turn
print("Done.")
