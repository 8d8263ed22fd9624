import asyncio
import functools

def event_handler(loop, stop=False):
    print('Calling event handler')
    if stop:
        print('Loop is being stopped')
        loop.stop()

if __name__ == '__main__':
    loop = asyncio.get_event_loop()
    try:
        loop.call_soon(functools.partial(event_handler, loop))
        print('Loop is being started')
        loop.call_soon(functools.partial(event_handler, loop, stop=True))

        loop.run_forever()
    finally:
        print('Loop is being closed')
        loop.close()
