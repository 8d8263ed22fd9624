# open() on the run's in-memory files: write, append, read back whole, by line, by size and
# by iteration; readlines/writelines, print(file=...), seek/tell, r+/w+/x modes, the
# context manager and closed files; os and os.path over the same files (exists, listdir,
# remove, mkdir, rename, join/split); io.StringIO; and CPython's errors for each misuse.
import asyncio
import io
import os
import os.path

with open("notes.txt", "w") as f:
    print(type(f).__name__, f.name, f.mode, f.closed, f.writable(), f.readable())
    print(f.write("first line\n"), f.write("second line\r\nthird"))
    f.writelines(["\n", "fourth\n", "fifth"])
print(f.closed)

with open("notes.txt") as f:
    print(repr(f.read()))
with open("notes.txt", "r") as f:
    print(repr(f.readline()), repr(f.readline()), f.tell())
    print(repr(f.read(4)), repr(f.readline(3)), repr(f.readline()))
    print(f.readlines())
    print(repr(f.read()), repr(f.readline()))
with open("notes.txt", encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        print(n, line.rstrip("\n"))

with open("notes.txt", "a") as f:
    f.write("\nsixth")
    print(f.tell())
with open("notes.txt") as f:
    lines = f.read().splitlines()
print(len(lines), lines[-1])

with open("log.txt", "w") as log:
    for i in range(3):
        print("entry", i, sep="-", file=log)
print(open("log.txt").read().split())

with open("scratch.txt", "w+") as f:
    f.write("hello world")
    f.seek(0)
    print(f.read(5), f.tell())
    f.seek(6)
    f.write("there")
    f.seek(0)
    print(f.read())
with open("scratch.txt", "r+") as f:
    f.write("J")
    print(f.read())
with open("unicode.txt", "w") as f:
    f.write("héllo → wörld\n")
print(open("unicode.txt").read().strip(), os.path.getsize("unicode.txt"))

print(os.path.exists("notes.txt"), os.path.exists("missing.txt"), os.path.isfile("notes.txt"))
print(sorted(os.listdir()), sorted(os.listdir(".")))
os.mkdir("data")
with open(os.path.join("data", "a.csv"), "w") as f:
    f.write("x,y\n1,2\n")
print(os.path.isdir("data"), os.listdir("data"), os.path.exists("data/a.csv"))
os.rename("data/a.csv", "data/b.csv")
print(os.listdir("data"))
os.remove("scratch.txt")
print("scratch.txt" in os.listdir("."), os.path.exists("scratch.txt"))
os.makedirs("deep/er/est", exist_ok=True)
os.makedirs("deep/er", exist_ok=True)
print(os.listdir("deep"), os.listdir("deep/er"))
print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "/y", "z"), os.path.split("a/b/c.txt"))
print(os.path.basename("/tmp/file.tar.gz"), os.path.dirname("/tmp/file.tar.gz"), os.path.splitext("file.tar.gz"))
print(os.path.splitext(".bashrc"), os.path.normpath("a//b/../c/."), os.path.isabs("/a"), os.sep)
print(type(os.getpid()).__name__, type(os.cpu_count()).__name__, os.getenv("AWAITLAB_NOT_SET", "default"))

buf = io.StringIO()
buf.write("line one\n")
print("line two", file=buf)
print(repr(buf.getvalue()))
buf.seek(0)
print(buf.readline().strip(), buf.read().strip(), list(io.StringIO("a\nb\n")))

for bad in [lambda: open("missing.txt"), lambda: open("notes.txt", "x"), lambda: open("data"),
            lambda: open("nodir/file.txt", "w"), lambda: open("notes.txt", "z"),
            lambda: open("notes.txt", "rw"), lambda: open("notes.txt").write("x"),
            lambda: open("notes.txt", "w").read(), lambda: os.remove("missing.txt"),
            lambda: os.mkdir("data"), lambda: os.listdir("nowhere"), lambda: os.rmdir("deep"),
            lambda: open("log.txt", "a").write(5)]:
    try:
        bad()
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
closed = open("notes.txt")
closed.close()
for op in (closed.read, closed.readline, lambda: next(iter(closed))):
    try:
        op()
    except ValueError as e:
        print("ValueError:", e)
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, isinstance(e, OSError))


async def writer(name, delay):
    await asyncio.sleep(delay)
    with open("events.txt", "a") as f:
        f.write(f"{name} at {delay}\n")


async def main():
    await asyncio.gather(writer("slow", 0.3), writer("fast", 0.1), writer("mid", 0.2))
    with open("events.txt") as f:
        print(f.read().splitlines())


asyncio.run(main())
