# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 16 (lines 435-464)
# demonstrates: a synchronous context manager (__enter__/__exit__) around open(); writes test.txt in the current directory
# edits: none (the block as published)

class FileManager:
    def __init__(self, filename, mode):
        print("调用__init__方法")
        self.filename = filename
        self.mode = mode
        self.file = None
	
    # 编写enter方法，在进入with代码块前调用
    def __enter__(self):
        print("调用__enter__方法")
        self.file = open(self.filename, self.mode)
        return self.file

    # 执行完with代码块后调用，直接关闭文件
    def __exit__(self, exc_type, exc_val, exc_tb):
        print("调用__exit__方法")
        if self.file:
            self.file.close()

# 测试
with FileManager("test.txt", "w") as f:
    print("调用with代码块")
    f.write("hello world")

''' 执行结果
调用__init__方法
调用__enter__方法
调用with代码块
调用__exit__方法
'''
