async def main():
    c_obj = Counter()
    async for i in c_obj:
        print(i)

asyncio.run(main())
