import asyncio

BALANCE = 100  # param: balance
AMOUNTS = [80, 50]  # param: amounts
PARENTS = ["Parent C", "Parent D", "Parent E", "Parent F"]

account = {"balance": BALANCE}


async def spend(who, amount):
    seen = account["balance"]  # read
    print(f"{who} reads {seen}")
    await asyncio.sleep(1)  # the others run meanwhile
    if seen < amount:
        print(f"{who}: {seen} < {amount}, check refused")
        return 0
    left = seen - amount
    account["balance"] = left  # write
    print(f"{who} pays {amount}, writes {left}")
    return amount


async def main():
    tasks = [
        asyncio.create_task(spend(who, amount), name=who)
        for who, amount in zip(PARENTS, AMOUNTS)
    ]
    spent = sum(await asyncio.gather(*tasks))
    end = account["balance"]
    if BALANCE - spent == end:
        verdict = "consistent"
    else:
        verdict = (f"should be {BALANCE - spent}: "
                   "a stale write overwrote another")
    print(f"Final balance {end}: spent {spent} "
          f"of {BALANCE} ({verdict})")


asyncio.run(main())
