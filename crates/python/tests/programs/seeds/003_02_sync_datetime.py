# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 003_43c47467de18fd97.txt, block 2 (lines 68-79)
# demonstrates: the same two tasks with blocking time.sleep: 15 s
# edits:
#   - block line 2: split a merged line before `def` (a new top-level statement)
#   - block line 4: the comment `# or do some IO operation` was merged with the next statement: ended the line after the comment and put `print(...)` on its own line
#   - block line 8: split a merged line before `if` (a new top-level statement)
#   - removed the markdown bold markers (**) around keywords and strings

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
