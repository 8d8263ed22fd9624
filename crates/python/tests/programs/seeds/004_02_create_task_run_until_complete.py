# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 004_b96deb0ed91b0117.txt, block 2 (lines 121-134)
# demonstrates: loop.create_task + run_until_complete, then task.result() after loop.close()
# edits: none (the block as published)

import asyncio
async def sample_task(task_seconds):
    print('Task takes {} seconds to complete'.format(task_seconds))
    await asyncio.sleep(task_seconds)
    return 'task has been completed'
if __name__ == '__main__':
    sample_event = asyncio.get_event_loop()
    try:
        print('Creation of tasks started')
        task_object_loop = sample_event.create_task(sample_task(task_seconds=3))
        sample_event.run_until_complete(task_object_loop)
    finally:
        sample_event.close()
    print("Task status: {}".format(task_object_loop.result()))
