if x:
	a = 1
	if y:
		b = 2
	else:
		c = 3
def f():
	return 1
class K:
	def m(self):
		pass
x = [1,	2,	3]
if x:
	a = 1
	if y:
	    b = 2
z = 0
