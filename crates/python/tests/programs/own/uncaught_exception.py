# Lines printed before an uncaught exception are kept; the run's error is the
# traceback's last line. The exception escapes from a coroutine through asyncio.run.
# golden: expect_error=ZeroDivisionError: division by zero
import asyncio


async def divide(a, b):
    await asyncio.sleep(1)
    print(f"dividing {a} by {b}")
    return a / b


async def main():
    print(await divide(1, 2))
    print(await divide(1, 0))
    print("never printed")


print("start")
asyncio.run(main())
