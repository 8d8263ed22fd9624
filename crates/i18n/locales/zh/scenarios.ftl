# 场景目录：选择器的分组（topic-…）、标题（scenario-<id>）、模式（mode-<场景>-<模式>：按钮文字，
# .note 看点，.missing 示意代码为何没有程序）和参数（param-<场景>-<参数>：字段标签，即程序里标记的
# 名字，保持原样；.help 说明）。

topic-sync-cooperative-async = 同步、协作式与异步
topic-asyncio-building-blocks = asyncio 基本构件
topic-cpu-bound-work-and-executors = CPU 密集型任务与执行器
topic-loop-implementations = 事件循环的实现
topic-scale = 规模

## countdown

scenario-countdown = 倒计时：A、B、C
mode-countdown-sync = 同步
    .note = 一个调用接着一个调用：A 的所有等待结束之前，B 无法开始，所以总耗时是所有延迟之和（3 × 1 + 3 × 0.8 + 3 × 0.5 = 6.9 秒）。每次等待都是一段阻塞：等待期间，页面本身也被冻结。
mode-countdown-async = 异步
    .note = 三个任务同时休眠，它们的等待相互重叠：C 在 0.5 秒时最先打印，B 在 0.8 秒，A 在 1.0 秒；整个运行的耗时等于最慢的那个任务（≈3.0 秒），而不是总和。泳道大多是浅蓝色：等待定时器不占用事件循环。
mode-countdown-blocking = 阻塞
    .note = 同样的任务，但每个都用 time.sleep 等待：任务从不把控制权交还给事件循环，所以 A 一直运行到结束，B 才开始。又变回了顺序执行——6.9 秒——尽管代码写的是 async。带斜线的橙色段，就是事件循环（以及本页面）被冻结的时间。
mode-countdown-pool = 池
    .note = 阻塞的倒计时原封不动，但每个都在池中的一个 worker（Web Worker）里运行：忙等式的休眠占住的是 worker，而不是事件循环，所以输出像异步版本一样交错出现，运行又只需 ≈3.0 秒。任务 A、B、C 只是 await 各自的作业；worker 比字母少时，倒计时要等到有空闲的 worker。
param-countdown-letters = letters
    .help = 任务名，用逗号分隔
param-countdown-delays = delays
    .help = 两次计数之间的秒数，每个字母一个
param-countdown-count = count
    .help = 每个字母从这个数开始倒数
param-countdown-workers = workers
    .help = 池中 Web Worker 的个数（它们只是休眠，所以多于 CPU 核数也没关系）；0：每个核一个（最多 4 个）

## queue

scenario-queue = 工作队列：任务 One 和 Two
mode-queue-sync = 同步
    .note = 两个普通的函数调用：One 在 Two 运行之前就取走了所有条目，所以 Two 看到的队列是空的。这里没有任何东西能让 One 和 Two 轮流执行。
mode-queue-generator = 生成器
    .note = 每个任务每数一个单位就 yield 一次，所以 One 和 Two 轮流执行：Two 在 One 数完 15 之前就数完了它的 10，接着取下一个条目。这是协作式的，但仍然只有一个线程：计数本身从不重叠。
mode-queue-blocking = 阻塞
    .note = 任务仍然轮流执行，但每一轮都是一次阻塞式休眠：One 休眠 15 秒期间，其他任何代码都无法运行。总耗时是所有工作之和，15 + 10 + 5 + 2 = 32 秒，全部带斜线：事件循环（以及本页面）被冻结。
mode-queue-async = 异步
    .note = 休眠相互重叠：One 等待 15 秒的同时，Two 先等 10 秒，再等 5 秒；然后 One 取走最后一个条目（2 秒）。总共 17 秒而不是 32 秒——两条泳道同时在忙，而事件循环本身几乎一直空闲。
param-queue-work = work
    .help = 队列中的条目：计数（同步、生成器）或秒数（阻塞、异步）
param-queue-tasks = tasks
    .help = 共享这个队列的任务个数（One、Two、Three……）

## http

scenario-http = HTTP 请求：阻塞与非阻塞
mode-http-sync = 同步
    .note = 每个请求都占住线程，直到响应到达（同步的 XMLHttpRequest，附加的延迟用忙等实现）：这些段带斜线，期间本页面被冻结，另一个任务只能在之后才轮到。总耗时是所有请求之和——默认情况下，附加延迟共 3.2 秒。
mode-http-async = 异步
    .note = 一个任务的请求发出后，事件循环就去运行另一个任务：两条泳道的 io 段相互重叠，事件循环在其间空闲，所以总耗时约为总和的一半（默认 1.7 秒对 3.2 秒）；如果每个 URL 一个任务，总耗时约等于最慢的那个请求。失败的请求是一段失败的 io 段和一个 Python 异常，与这两个库一样：404 由 raise_for_status() 抛出，连接被拒绝由请求本身抛出；回溯信息结束这次运行。
param-http-urls = urls
    .help = 任务要 GET 的地址，按队列顺序：相对于本页面，或 http(s)://（其他网站必须允许 CORS）
param-http-tasks = tasks
    .help = 共享这个队列的任务个数（One、Two、Three……）
param-http-latency = latency
    .help = 给每个请求附加的毫秒数（场景时间）：所有 URL 共用一个，或每个 URL 一个

## parents

scenario-parents = 家长：轮询、死锁、竞态
mode-parents-polling = 轮询
    .note = 家长只有在下一次查看时才会发现一件家务做完了：蜂鸣器响之前的每次查看都是白费，而刚好在一次查看之后完成的家务，几乎要等上整整一个间隔。缩短间隔：等待更少，白费的查看更多。
mode-parents-events = 事件驱动
    .note = 家长一直休眠，直到蜂鸣器把它唤醒：没有一次查看是白费的，每件家务一完成就得到处理。这正是 await 一个事件（队列、future）相对于轮询的好处。
mode-parents-deadlock = 死锁
    .note = 家长 A 占着烘干机，等洗衣机；家长 B 占着洗衣机，等烘干机。谁都无法继续，也没有别的东西会唤醒它们：运行停止，并指出这个等待环。
mode-parents-race = 竞态
    .note = 两位家长都在对方写入之前读到了 100，所以都以为钱够。只有 100 的账户被花掉了 130，而最后一次写入生效：有一次更新丢失了。读和写之间的那次 await，正是另一个任务插进来的地方。
mode-parents-locked = 加锁
    .note = 锁让读取、await 和写入成为一步：D 一直等待（它的泳道显示了这段等待），直到 C 写完，然后读到真实的余额并被拒绝。更慢，但钱不会凭空冒出来。
param-parents-interval = interval
    .help = 家长多久查看一次
param-parents-chores = chores
    .help = 洗衣机、烘干机和孩子们各在何时需要照看
param-parents-hold = hold
    .help = 每位家长占住一台机器多久，才去拿另一台
param-parents-balance = balance
    .help = 账户的初始余额
param-parents-amounts = amounts
    .help = 家长 C、D、E、F 各要花多少钱

## coroutines

scenario-coroutines = 协程：旧式与新式语法
mode-coroutines-modern = async/await
    .note = func1 打印 1 后休眠；在它休眠时，事件循环运行 func2，它打印 3 后也休眠。两次休眠相互重叠，所以 2 和 4 在 2 秒后一起出现，而不是 4 秒。
mode-coroutines-legacy = yield from
    .note = Python 3.5 之前的写法：用装饰器标记为协程的生成器，用 `yield from` 代替 `await`。只有语法不同——时间线与 async/await 完全一样：先是 1、3，2 秒后是 2 和 4。
param-coroutines-delay = delay
    .help = 每个协程休眠的秒数

## await

scenario-await = await：一个协程接着一个协程
mode-await-sequential = await 两次
    .note = await 一个协程是一次调用，而不是一个任务：func 要等第一个 others() 结束后，才开始第二个。事件循环没有别的可运行，所以两次休眠前后相接——总共 4 秒，都在同一条泳道上。
mode-await-tasks = 两个任务
    .note = 包装成任务后，两个 others() 在事件循环上并排运行：两个都开始，同时休眠，整个运行只需 2 秒而不是 4 秒。
param-await-delay = delay
    .help = others() 休眠的秒数

## tasks

scenario-tasks = 任务在 main 让出控制权时才开始
mode-tasks-tasks = create_task
    .note = create_task 只是把任务放进就绪队列：main 继续运行，先打印 `main end`。任务在 main 的第一个 await 处才开始，各打印 1，并排休眠，2 秒后一起结束。
param-tasks-delay = delay
    .help = 每个任务休眠的秒数
param-tasks-count = count
    .help = main 创建的任务个数

## wait-timeout

scenario-wait-timeout = 带超时的 asyncio.wait
mode-wait-timeout-wait = 保留未完成的
    .note = 不管任务是否完成，wait 都在超时时返回。到那时已完成的任务在 done 中，其余的在 pending 中——而 pending 中的任务并不会被停止：它们继续休眠，稍后才完成。
mode-wait-timeout-cancel = 取消未完成的
    .note = 同样的 wait，但 main 在超时时取消所有仍未完成的任务：这些泳道在超时处以一个划掉的端点结束，永远不会打印 `end`。
param-wait-timeout-durations = durations
    .help = 每个任务休眠的秒数
param-wait-timeout-timeout = timeout
    .help = wait() 最多等待的秒数

## future

scenario-future = 一个单独的 Future 与 set_result
mode-future-future = set_result
    .note = future 自己什么也不做：main await 它，一直空闲，直到另一个任务 set_after 在 2 秒后设置它的结果。正是这个 set_result 把 main 放回了就绪队列。
param-future-delay = delay
    .help = 调用 set_result 之前的秒数
param-future-value = value
    .help = set_after 设置的结果

## async-iterator

scenario-async-iterator = 异步迭代器与 async for
mode-async-iterator-async-for = async for
    .note = `async for` 的每一步都会 await __anext__。如果里面没有休眠，就从未真正等待过：事件循环一次也轮不到，十个数字在一次轮询中全部打印出来。给它一个延迟，每个条目都会在时间线上变成一次休眠。
param-async-iterator-count = count
    .help = 计数器数到这里就停止
param-async-iterator-delay = delay
    .help = __anext__ 每个条目休眠的秒数（0：不 await）

## async-context

scenario-async-context = async with：进入、主体、退出
mode-async-context-ok = 主体成功
    .note = 顺序是固定的：__aenter__、主体，然后是 __aexit__——它的清理本身也要 await（时间线上的一次 1 秒休眠），之后代码块后面的那一行才会运行。
mode-async-context-error = 主体抛出异常
    .note = 主体抛出了异常，但 __aexit__ 仍然会运行，并拿到这个错误；它的清理被 await 到结束之后，错误才到达 main 的 except。
param-async-context-cleanup = cleanup
    .help = __aexit__ await 的秒数

## event-loop

scenario-event-loop = 事件循环：call_soon、call_later、stop
mode-event-loop-call-soon = call_soon + stop
    .note = call_soon 只是把回调放进队列：先打印 `Loop is being started`，等 run_forever 转动事件循环时，处理函数才按入队顺序运行。第二个处理函数的 stop() 结束了 run_forever。这里事件循环在页面的一个任务内清空它的就绪队列，就像浏览器清空它的微任务一样。
mode-event-loop-call-later = call_soon 对比 call_later(0)
    .note = 最先入队，call_later(0) 却最后运行：call_soon 的回调直接进入就绪队列，而定时器——即使是 0 秒的——也要等事件循环下一次检查定时器时，才会被移进去。浏览器也有同样的划分：微任务先于下一个 setTimeout(0) 任务。
mode-event-loop-browser = 浏览器队列
    .note = 最后入队，call_soon 却最先运行：事件循环在把页面交还之前，先清空它的就绪队列。然后运行浏览器的微任务（先于任何其他任务），最后才是消息和定时器，它们各是一个独立的任务。在页面上，这两者的先后由浏览器决定；预测按名义开销计算。
    .missing = 使用页面自己的队列（微任务、setTimeout(0)、MessageChannel），而 Python 程序无法访问它们
param-event-loop-delay = delay
    .help = call_later 等待的秒数

## run-until-complete

scenario-run-until-complete = run_until_complete 与任务的结果
mode-run-until-complete-run = run_until_complete
    .note = 事件循环只在调用 run_until_complete 期间运行，并在任务完成时返回：任务 3 秒的休眠就是整个运行。它的返回值一直留在任务里，直到 result() 读取它。
param-run-until-complete-seconds = seconds
    .help = 任务休眠的秒数

## gather

scenario-gather = gather：取最长，而非总和
mode-gather-gather = gather
    .note = gather 把两个协程都作为任务启动，并等待它们全部完成：两次休眠同时进行，所以程序在最长的那个结束时结束——10 秒，而不是 5 + 10。
mode-gather-sequential = 顺序执行
    .note = 同步版本：每次调用都阻塞到它的休眠结束，所以第二个任务在第一个结束后才开始。5 + 10 = 15 秒，每次休眠期间页面都被冻结。
mode-gather-threads = 线程
    .note = 顺序版本中的阻塞式休眠，每个都交给池中的一个 worker（Web Worker）：它们阻塞的是 worker，而不是事件循环，所以相互重叠，程序随最长的那个结束——又是 10 秒，而且页面保持响应。只有一个 worker 时，它们要排队：15 秒。
param-gather-durations = durations
    .help = 每个任务耗时的秒数
param-gather-workers = workers
    .help = 池中 Web Worker 的个数（它们只是休眠，所以多于 CPU 核数也没关系）；0：每个核一个（最多 4 个）

## primes

scenario-primes = 素数：事件循环上的 CPU 密集型工作
mode-primes-sync = 同步
    .note = 一个循环按顺序检查这些数——4900 万次 Python 除法——在一次轮询中完成，中间没有 await：三个数全部检查完之前，页面都是冻结的（这里要几秒钟，和 CPython 差不多），157 也要排在大数后面等待。CPU 计算耗费的是真实时间；本场景以每场景秒 1000 毫秒运行，所以 Took 打印的是真实秒数。
mode-primes-yield = yield
    .note = 每个数是一个任务，每做 100,000 次除法就让事件循环转一轮：157 和 427920331 在大数的最初几轮内就完成了，页面保持响应。总耗时并没有变短——同样的除法，同一个线程——在真实的事件循环上反而更长：轮询次数很多，还有页面轮到自己时留下的橙色间隙。在默认速度（每场景秒 1000 毫秒）下，Took 打印的是真实秒数。
mode-primes-pool = 池
    .note = 每次检查都是交给 Web Worker 池的一个作业（workers=0：每个核一个，最多 4 个）：除法在 worker 泳道上并行运行，任务只是 await，页面保持响应。有两个或更多大数、两个或更多核时，总耗时降到约等于最长的那次检查；那些短小的 post 和 reply 段，是与 worker 通信的开销（第一次 post 包含 worker 的启动）。
param-primes-numbers = numbers
    .help = 用试除法检验的整数（以 64 位精确保存）
param-primes-yield-every = yield every
    .help = 每两次把控制权交给事件循环之间的除法次数
param-primes-workers = workers
    .help = 池中 Web Worker 的个数；0：每个核一个（最多 4 个）

## loop-impl

scenario-loop-impl = 事件循环的实现：调度一次切换
mode-loop-impl-all = 三者对比
    .note = 三条泳道依次运行，每条都是同样的 N 次切换的乒乓：微任务从不离开当前任务（最快，但期间页面无法绘制），MessageChannel 让每一跳都成为事件循环的一个任务，setTimeout(0) 也是——但嵌套超过 5 层后，HTML 标准会把它限制为 ≥ 4 ms，以防页面在定时器上空转。每条泳道的段上标有每秒切换次数；预测使用名义开销（0.1 µs、5 µs、4 ms），而不是实测值。
    .missing = 使用页面自己的队列（微任务、setTimeout(0)、MessageChannel），而 Python 程序无法访问它们
mode-loop-impl-microtask = 微任务
    .note = 每一跳都是一个微任务：当前回调一返回它就运行，先于浏览器取下一个任务，所以整个乒乓是一段不间断的执行——很快，但期间页面无法绘制。计时在 200 次不计时的预热跳之后才开始，而且本页面的时钟以 0.1 ms 为单位跳动，所以想得到更稳定的数字，就调大 switches（或运行两次）。
    .missing = 使用页面自己的队列（微任务、setTimeout(0)、MessageChannel），而 Python 程序无法访问它们
mode-loop-impl-timeout = setTimeout(0)
    .note = 每一跳都是在定时器内部调度的定时器任务：嵌套 5 层之后，浏览器把延迟限制为至少 4 ms（HTML 标准为防止页面在定时器上空耗 CPU 而设的保护），所以 1,000 次切换大约要等待 4 秒，而事件循环几乎一直空闲。
    .missing = 使用页面自己的队列（微任务、setTimeout(0)、MessageChannel），而 Python 程序无法访问它们
mode-loop-impl-message = MessageChannel
    .note = 每一跳都是 MessageChannel 上的一条消息：这是事件循环的真正任务，所以页面可以在两跳之间绘制和处理输入，但它从不被限流——这正是调度器（包括 React 的）用来代替 setTimeout(0) 的技巧。
    .missing = 使用页面自己的队列（微任务、setTimeout(0)、MessageChannel），而 Python 程序无法访问它们
param-loop-impl-switches = switches
    .help = 每种方式的乒乓跳数

## scale

scenario-scale = 规模：多达 100,000 个任务
mode-scale-async = 异步
    .note = 所有任务一次性创建，然后 gather。每个任务先在事件循环上轮几次（sleep(0)：直接排到就绪队列末尾），然后休眠；所有休眠相互重叠，所以无论是 10 个任务还是 100,000 个，运行时间都是 sleeps × sleep 秒。增长的是事件循环的工作量——每个任务每次唤醒一次轮询——以及 trace。任务超过几百个之后，泳道就放不进一张画布了：请看小结、控制台和导出的 trace。
param-scale-tasks = tasks
    .help = 一次性创建并 gather 的任务个数
param-scale-yields = yields
    .help = 每个任务先让事件循环转的轮数（await asyncio.sleep(0)）
param-scale-sleeps = sleeps
    .help = 每个任务依次休眠的次数
param-scale-sleep = sleep
    .help = 每次休眠的秒数

## 跨字段的检查（数字已格式化）

check-countdown-delays = 每个字母需要一个延迟：{ $letters } 个字母，{ $delays } 个延迟
check-http-latency = 给所有 URL 一个共同的延迟，或每个 URL 一个：{ $urls } 个 URL，{ $latencies } 个延迟
check-loop-impl-timeout = setTimeout(0) 每一跳至少被限制为 { $clamp } ms：{ $switches } 次切换大约需要 { $seconds } 秒；使用 setTimeout 时最多 { $max } 次（其他模式允许更多）
check-primes-prime = { $n } 是素数
check-primes-factor = { $n } 的最小因数是 { $p }
check-primes-divisions = 第 { $at } 项：{ $why }，所以试除法需要 { $divisions } 次除法（约 { $seconds } 秒）；每个数最多 { $max } 次
check-primes-sync = 同步模式在每次除法期间都占住页面：共 { $divisions } 次，页面约冻结 { $seconds } 秒；最多 { $max } 次（≈ { $max_seconds } 秒）
check-primes-yields = 共 { $turns } 轮（{ $divisions } 次除法，每 { $every } 次一轮）；最多 { $max } 轮：请调大它，或减小这些数
check-freeze = 这次运行会冻结页面 { $real } 秒（以 { $speed } ms/s 阻塞 { $blocked } 秒）；请降低速度或缩短时长，使其不超过 { $max } 秒
