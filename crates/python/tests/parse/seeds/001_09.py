...

async def main():
    print('main start')

    task_list = [
        asyncio.ensure_future(func()),
        asyncio.ensure_future(func())
    ]
    print('main end')
    # 当执行某协程遇到IO操作时，会自动切换到其他协程
    done, pending = await asyncio.wait(task_list)
    print(done)
    print(done.pop().result())

asyncio.run(main())
