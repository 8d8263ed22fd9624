pip install uvloop
