import asyncio

SECONDS = 3  # param: seconds


async def sample_task(seconds):
    print(f"Task takes {seconds} seconds to complete")
    await asyncio.sleep(seconds)
    return "task has been completed"


loop = asyncio.new_event_loop()
try:
    print("Creation of tasks started")
    coro = sample_task(SECONDS)
    task = loop.create_task(coro, name="sample_task")
    loop.run_until_complete(task)
finally:
    loop.close()
print(f"Task status: {task.result()}")
