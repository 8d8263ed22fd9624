a = b'bytes'
b = B"BYTES"
c = b''
d = b'\x00\xff\n\t\\'
e = rb'raw\n'
f = Rb"raw"
g = bR'raw'
h = BR"raw"
i = br'\x00'
j = b'\101\7'
k = b'\u1234'
l = b"""triple
bytes"""
m = b'a' b'b'
n = b'it\'s'
o = b'\q'
