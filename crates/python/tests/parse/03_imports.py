import asyncio
import os, sys
import os.path
import concurrent.futures as cf
import a.b.c as d, e
from asyncio import sleep
from asyncio import sleep as nap, gather
from concurrent.futures import ThreadPoolExecutor
from x.y import (a, b,)
from x import (
    a as b,
    c,
)
from . import x
from .. import y
from .mod import z
from ...pkg.mod import w
from .... import v
from m import *
from .m import *
