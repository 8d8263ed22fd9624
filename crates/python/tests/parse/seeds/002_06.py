await asyncio.sleep(delay)
