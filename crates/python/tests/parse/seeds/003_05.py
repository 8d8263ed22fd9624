starting task 2019-12-13 12:44:38.243503
starting task 2019-12-13 12:44:38.244003
stopping task 2019-12-13 12:44:43.244503
stopping task 2019-12-13 12:44:48.246003
C:/Users/bakthavatchalam.g/thread.py executed in 10.00 seconds.
