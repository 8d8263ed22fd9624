# Number and string formatting the tutorials' prints rely on: float repr (shortest
# round-trip), str of floats and ints, f-string and %-format specs, rounding halfway
# cases (round-half-even on the binary value), and container reprs.
x = 0.1 + 0.2
print(x, repr(x), str(x), x == 0.3)
print(1e16, 1e15, 123456789012345678.0, 1e-5, 0.0001, 1.5e-7)
print(-0.0, 0.0 == -0.0, float("inf"), -float("inf"), float("nan"))
print(1 / 3, 2 / 3, 10 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 0.5, 2 ** 100)
print(f"{x:>8.3f}|{x:<8.2f}|{x:^9.1f}|{x:08.3f}|{x:+.2e}|{x:.3g}|{x:%}")
print(f"{1234567.891:,.2f}|{42:5d}|{42:<5d}|{42:05d}|{255:x}|{255:#o}|{5:b}")
print(f"{'s':>4}|{'s':<4}|{'s':^5}|{'s'!r}|{3.0}|{3.10}|{1e21}")
print("%5.2f%%" % 99.5, "%.4f" % 2.0, "%i" % 3.9, "%d|%5s|%-5s|" % (7, "ab", "ab"))
print("%.1f %.1f %.1f %.1f" % (0.25, 0.35, 2.5, 0.05), round(2.5), round(3.5), round(0.125, 2))
print("%r %s %a" % ("é", "é", "é"), "%x %X %o %e" % (255, 255, 8, 12345.678))
print("{:.2f} {:>6} {!r} {}".format(1 / 7, "r", "q", [1, "a", None, True, 1.0]))
print([0.1, 1e-7, 100.0], (1,), {"k": 0.5}, {1, 2}, set(), (), {})
print(str(1.0), repr(100.0), 1e22, 1.0e-4, 3.14159265358979, 2.675, round(2.675, 2))
print(int("0042"), float("  1.50 "), int(-3.9), abs(-2), divmod(-7, 2), 10 ** -2)
print("a", "b", sep="-", end="!\n")
print("no newline", end="")
print(" ... then the rest")
print(*range(3), sep=", ")
print()
print("tab\there", "€ ✓ 中文")
