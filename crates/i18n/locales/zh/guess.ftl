# “先预测，再运行”：学习者对控制台输出顺序和总耗时的猜测，以及评分。

guess-toggle = 先预测
guess-toggle-title = 运行之前，先猜猜控制台的输出顺序和总耗时
guess-heading = 先预测，再运行
guess-intro = 把控制台的各行排成你认为运行时打印的顺序（拖动，或使用 ↑ 和 ↓），再估计运行要多久，然后按“运行”。
guess-waiting = 程序的预测完成后，这里会列出各行。
guess-nothing-printed = 这个程序什么也不打印：只需估计总耗时。
guess-up = 把“{ $line }”上移
guess-down = 把“{ $line }”下移
guess-moved = “{ $line }”现在是第 { $position } 行，共 { $count } 行。
guess-total = 总耗时（秒）
guess-total-bad = 这不是秒数：只对顺序评分。
guess-locked = 你的猜测已锁定：等运行来揭晓。
guess-right = 正确
guess-wrong = 错误；
guess-was = 实际打印的是
guess-was-nothing = 实际运行在这里没有打印
guess-in-place = { $count } 行中有 { $right } 行位置正确。
guess-total-close = 你估计 { $guessed } 秒，实际用了 { $measured } 秒：很接近。
guess-total-off = 你估计 { $guessed } 秒，实际用了 { $measured } 秒：相差 { $off } 秒。
guess-unguessed = 实际运行还打印了：
guess-again = 再猜一次
guess-hidden = 在运行揭晓你的猜测之前隐藏。
status-guessing = 先猜：排好各行，再按“运行”
