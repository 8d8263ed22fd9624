import asyncio
# 生成或获取一个事件循环
loop = asyncio.get_event_loop()
