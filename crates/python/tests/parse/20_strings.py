a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
e = ''
f = ""
g = 'it\'s'
h = "say \"hi\""
i = "tab\tnewline\nreturn\rbackslash\\"
j = "\a\b\f\v\0"
k = "\x41\x42"
l = "\u4e2d\u6587"
m = "\U0001F600"
n = "\101\102\7"
o = "line \
continued"
p = r"raw \n \d+"
q = R'raw'
r = u"unicode"
s = U'unicode'
t = r"\""
u = "unknown \q escape"
v = '中文字符串'
w = "emoji 😀 and 中"
x = '''it's "quoted"'''
y = """a \"""" + "b"
z = "\\n"
aa = '\''
ab = r'\''
ac = """
    indented
        more
"""
ae = "\777"
af = "tab	inside"
