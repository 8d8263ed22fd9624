# The 3.4-3.6 style: get_event_loop(), run_until_complete() returns the coroutine's
# result; the same loop runs again; a new loop can be made and set; close() makes a loop
# unusable.
import asyncio


async def add(a, b, delay):
    await asyncio.sleep(delay)
    return a + b


loop = asyncio.get_event_loop()
print("running:", loop.is_running(), "closed:", loop.is_closed())
print("result:", loop.run_until_complete(add(1, 2, 1)), "at", loop.time())
print("again:", loop.run_until_complete(add(3, 4, 0.5)), "at", loop.time())
task = loop.create_task(add(5, 6, 1))
print("task done before running:", task.done())
print("task result:", loop.run_until_complete(task), task.done())
print("same loop:", asyncio.get_event_loop() is loop)
loop.close()
print("closed:", loop.is_closed())
try:
    loop.run_until_complete(add(0, 0, 0))
except RuntimeError as e:
    print("RuntimeError:", e)

new = asyncio.new_event_loop()
asyncio.set_event_loop(new)
print("new loop is current:", asyncio.get_event_loop() is new)
print(new.run_until_complete(asyncio.gather(add(1, 1, 2), add(2, 2, 1))), "at", new.time())
new.close()
