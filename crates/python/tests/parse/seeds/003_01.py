starting task 2019-12-12 18:10:03.103732
starting task 2019-12-12 18:10:03.103732
stopping task 2019-12-12 18:10:08.105232
stopping task 2019-12-12 18:10:13.100231
C:/Users/bakthavatchalam.g/asynchronous.py executed in 10.00 seconds.
