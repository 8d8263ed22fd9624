import asyncio

async def func():
    print(1)
    await asyncio.sleep(2)
    print(2)
    return 'success'

async def main():
    print('main start')
    # 创建一个Task对象，将当前执行func函数任务添加到事件循环
    # 在传入协程对象的场景，与create_task()函数作用相同
    task1 = asyncio.ensure_future(func())
    task2 = asyncio.ensure_future(func())
    print('main end')
    # 当执行某协程遇到IO操作时，会自动切换到其他协程
    res1 = await task1
    res2 = await task2
    print(res1, res2)

asyncio.run(main())
''' 输出结果
main start
main end
1
1
2
2
success success
'''
