# asyncio.wait returns (done, pending) sets: FIRST_COMPLETED, FIRST_EXCEPTION,
# ALL_COMPLETED and timeout. Sets print in hash order, so print sorted task names.
import asyncio


async def job(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"failed after {delay}")
    return delay


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(d), name=f"job{d}") for d in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED at", loop.time(), names(done), names(pending))
    done, pending = await asyncio.wait(pending, timeout=1.5)
    print("timeout 1.5 at", loop.time(), names(done), names(pending))
    done, pending = await asyncio.wait(pending)
    print("ALL_COMPLETED at", loop.time(), names(done), names(pending))
    print("results", sorted(t.result() for t in tasks))

    tasks = [asyncio.create_task(job(1, fail=True), name="fails"),
             asyncio.create_task(job(5), name="long")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION at", loop.time(), names(done), names(pending))
    print("exception:", repr(tasks[0].exception()))
    # A timeout does not cancel what is pending.
    done, pending = await asyncio.wait(pending, timeout=0)
    print("timeout 0:", names(done), names(pending), [t.cancelled() for t in pending])
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    print("after cancel:", [t.cancelled() for t in pending])


asyncio.run(main())
