# loop.run_forever() runs until loop.stop() is called (from a callback or a task); the
# iteration that calls stop() completes; run_forever can be called again afterwards.
import asyncio


async def ticker(loop, n):
    for i in range(n):
        print(f"tick {i} at {loop.time()}")
        await asyncio.sleep(1)
    print("ticker stops the loop")
    loop.stop()


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = loop.create_task(ticker(loop, 3))
loop.call_later(0.5, print, "a call_later callback at 0.5")
loop.run_forever()
print("run_forever returned at", loop.time(), "task done:", task.done())

loop.call_later(2, loop.stop)
loop.call_soon(print, "second run: call_soon")
loop.run_forever()
print("second run_forever returned at", loop.time())
loop.close()
