starting task 2019-12-12 18:16:34.553006
stopping task 2019-12-12 18:16:39.554006
starting task 2019-12-12 18:16:39.554006
stopping task 2019-12-12 18:16:49.556006
C:/Users/bakthavatchalam.g/synchronous.py executed in 15.00 seconds.
