import asyncio

DELAY = 0  # param: delay


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(DELAY, print, f"call_later({DELAY})")
    loop.call_soon(print, "call_soon 1")
    loop.call_soon(print, "call_soon 2")
    print("main goes on")
    await asyncio.sleep(DELAY + 0.5)  # let them run


asyncio.run(main())
