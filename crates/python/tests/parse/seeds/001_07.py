import asyncio

async def others():
    print('start')
    await asyncio.sleep(2)
    print('end')
    return "success"

async def func():
    print("Coroutine code is running")
    resp1 = await others()	# await + 协程对象
    print('IO request ends, response is', resp1)
    resp2 = await others()
    print('IO request ends, response is', resp2)

asyncio.run(func())

''' 执行结果：
Coroutine code is running
start
end
IO request ends, response is success
start
end
IO request ends, response is success
'''
