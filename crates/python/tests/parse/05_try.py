try:
    risky()
except ValueError:
    handle()
except (TypeError, KeyError) as e:
    print(e)
except Exception as exc:
    raise RuntimeError("wrapped") from exc
except:
    raise
else:
    ok()
finally:
    cleanup()

try:
    x = 1
finally:
    y = 2

try:
    pass
except asyncio.CancelledError:
    pass

try:
    pass
except (asyncio.TimeoutError, OSError):
    pass
else:
    pass

try: a()
except E: b()
finally: c()

def f():
    try:
        return 1
    except Exception:
        return 2
    finally:
        print("finally")
