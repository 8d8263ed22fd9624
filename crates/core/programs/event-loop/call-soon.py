import asyncio


def event_handler(loop, stop=False):
    print("Calling event handler")
    if stop:
        print("Loop is being stopped")
        loop.stop()


loop = asyncio.new_event_loop()
try:
    loop.call_soon(event_handler, loop)
    print("Loop is being started")
    loop.call_soon(event_handler, loop, True)
    loop.run_forever()  # until a handler stops it
finally:
    print("Loop is being closed")
    loop.close()
