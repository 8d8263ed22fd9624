# datetime on the run's clock: now()/today()/utcnow()/date.today() start at 2024-01-01
# 00:00:00 UTC and follow time.sleep and asyncio.sleep; str/repr/isoformat/strftime of
# datetime, date and time; timedelta construction, normalisation, str and arithmetic;
# datetime arithmetic and comparisons; fromisoformat, strptime, timezones; and the errors.
import asyncio
import datetime
import time
from datetime import date, timedelta, timezone

start = datetime.datetime.now()
print(start, repr(start), datetime.datetime.today(), datetime.datetime.utcnow(), date.today())
time.sleep(1.25)
later = datetime.datetime.now()
print(later, repr(later), later - start, (later - start).total_seconds())
print(later.isoformat(), later.isoformat(" "), later.isoformat(timespec="seconds"))
print(later.strftime("%Y-%m-%d %H:%M:%S.%f %A %a %B %b %j %p %I %w %U %W %y %%"))
print(later.strftime("%c | %x | %X | %D | %F | %T | %e | %-d/%-m | %G-W%V-%u | %Z%z"))
print(f"{later:%H:%M:%S}", f"{later}", format(later.date(), "%d.%m.%Y"), later.date(), later.time())
print(later.year, later.month, later.day, later.hour, later.minute, later.second, later.microsecond)

d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=1), d + timedelta(days=2), d - date(2023, 12, 25))
print(d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal(), d.ctime(), d.replace(day=1))
print(date.fromordinal(738000), date.fromisoformat("2023-07-04"), d.strftime("%A %d %B %Y"))

for td in [timedelta(seconds=5), timedelta(days=1, hours=2, minutes=3, seconds=4.5),
           timedelta(hours=-1), timedelta(milliseconds=1500), timedelta(weeks=2, days=-1),
           timedelta(0), timedelta(microseconds=-1), timedelta(hours=0.1), timedelta(days=1.5),
           timedelta(seconds=0.0000015), timedelta(minutes=1e-7)]:
    print(str(td), repr(td), td.days, td.seconds, td.microseconds, td.total_seconds())
t1, t2 = timedelta(hours=1, minutes=30), timedelta(minutes=45)
print(t1 + t2, t1 - t2, t2 - t1, t1 * 2, 3 * t2, t1 / 2, t1 / t2, t1 // t2, t1 % t2, -t1, abs(-t1))
print(t1 * 1.5, t1 / 7, t1 // 7, t1 > t2, t1 == timedelta(seconds=5400), bool(timedelta()))
print(sum([t1, t2], timedelta()), max(t1, t2), sorted([t1, t2, timedelta(0)]))
print(timedelta.max, timedelta.min, timedelta.resolution)

dt = datetime.datetime(2024, 3, 10, 14, 5)
print(dt, repr(dt), dt + timedelta(days=30), dt - timedelta(hours=15), dt.timestamp())
print(datetime.datetime(2024, 1, 1, 0, 0, 1), repr(datetime.datetime(2024, 1, 1, 0, 0, 0, 5)))
print(dt > start, dt == datetime.datetime(2024, 3, 10, 14, 5, 0), dt != start, dt.date() == date(2024, 3, 10))
print(dt.replace(hour=9, minute=30), dt.weekday(), dt.strftime("%I:%M %p on %b %d"))
print(datetime.datetime.fromisoformat("2024-05-06T07:08:09.123456"), datetime.datetime.fromisoformat("2024-05-06"))
print(datetime.datetime.strptime("2024-12-25 18:30", "%Y-%m-%d %H:%M"))
print(datetime.datetime.strptime("25/Dec/24 6:05:09 PM", "%d/%b/%y %I:%M:%S %p"))
print(datetime.datetime.fromtimestamp(0), datetime.datetime.utcfromtimestamp(1704067200.5))
print(datetime.datetime.combine(date(2024, 1, 2), datetime.time(3, 4, 5)), datetime.time(12, 30), repr(datetime.time(1, 2, 3, 4)))
print(datetime.datetime.min, datetime.datetime.max, date.min, date.max, datetime.MINYEAR, datetime.MAXYEAR)

utc = datetime.datetime.now(timezone.utc)
print(utc, repr(utc), utc.tzinfo, utc.utcoffset(), utc.tzname())
plus = timezone(timedelta(hours=5, minutes=30))
india = datetime.datetime(2024, 1, 1, 12, tzinfo=plus)
print(india, repr(india), india.tzname(), india.astimezone(timezone.utc), india - utc, repr(plus))
print(india.strftime("%H:%M %z %Z"), timezone(timedelta(hours=-3), "BRT"), datetime.datetime.now(plus))

for bad in [lambda: date(2023, 2, 29), lambda: date(2024, 13, 1), lambda: datetime.datetime(2024, 1, 1, 24),
            lambda: datetime.datetime(2024, 1, 1, 0, 60), lambda: date(0, 1, 1), lambda: date(2024, 1),
            lambda: datetime.datetime.strptime("2024-13-01", "%Y-%m-%d"),
            lambda: datetime.datetime.strptime("2024-01-01 extra", "%Y-%m-%d"),
            lambda: date.fromisoformat("2024/01/01"), lambda: dt < date(2024, 1, 1),
            lambda: utc - dt, lambda: utc < dt, lambda: timedelta(days=10**9),
            lambda: date.max + timedelta(days=1), lambda: t1 / 0, lambda: date(2024.0, 1, 1)]:
    try:
        print("no error:", bad())
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)


async def tick(name, delay):
    await asyncio.sleep(delay)
    print(name, datetime.datetime.now(), datetime.datetime.now().strftime("%S.%f"))


async def main():
    begin = datetime.datetime.now()
    await asyncio.gather(tick("fast", 0.5), tick("slow", 2))
    print("took", datetime.datetime.now() - begin)


asyncio.run(main())
