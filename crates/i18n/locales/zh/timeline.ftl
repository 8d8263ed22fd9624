# 时间线：悬停提示、时间条的图例用词、事件表格和控制台。

## 一段时间条的含义，与图例用词一致（悬停提示和表格都这样说）。

kind-run = 在事件循环上运行
kind-block = 阻塞事件循环
kind-sleep = 休眠（定时器）
kind-io = 等待 I/O
kind-ready = 就绪，等待事件循环
kind-compute = CPU 计算
kind-scenario = 工作项
kind-print = print 输出
kind-end = 已结束
kind-frozen = 页面冻结：没有绘制任何帧

## 任务如何结束（或尚未结束）。

outcome-running = 运行中
outcome-done = 完成
outcome-failed = 失败
outcome-cancelled = 已取消

## 事件的悬停提示。数字已格式化好（$s 秒，$ms 毫秒）。

tip-line = 第 { $line } 行
tip-print = “{ $text }”
tip-failed = 失败：{ $error }
tip-value = { $what }（值 { $value }）
tip-step = 第 { $step } 步
tip-at = 开始于 { $s } 秒
tip-lasted = 持续 { $s } 秒（实际 { $ms } 毫秒）
tip-error = 错误：{ $error }
frozen-label = { $ms } 毫秒内没有绘制任何帧

## 时间线画布。

timeline-label = 时间线：每个任务一条泳道；方向键在事件之间跳转，+ 和 - 缩放，0 复位
timeline-label-steps = 按事件循环步数绘制的时间线：每个任务一条泳道；方向键在事件之间跳转，+ 和 - 缩放，0 复位
timeline-empty = 修正标出的参数后即可看到预测。

## 以表格形式呈现的时间线。

spans = 表格形式的时间线
spans-label = 本次运行的事件
spans-first = 共 { $total } 个事件，这里列出前 { $shown } 个；导出文件中包含全部事件。
spans-start = 开始（秒）
spans-for = 持续（秒）
spans-task = 任务
spans-state = 状态
spans-what = 内容

## 控制台。

console-empty = 还没有任何输出。
console-label = 输出的各行
console-time = { $s } 秒

## 画在时间线画布上的文字（$n：步数，$s：秒数，均已格式化好）。

canvas-predicted = 预测 { $s } 秒
canvas-predicted-steps = 预测 { $n } 步
canvas-measured = 实测 { $s } 秒
canvas-measured-steps = 实测 { $n } 步
canvas-no-tasks = 还没有任务
# SVG 导出文件中各组的标题（在查看器中作为悬停提示）。
canvas-the-prediction = 预测
canvas-bars-predicted = 预测
canvas-bars-measured = 实测
svg-title-predicted = AwaitLab 时间线：{ $scenario } · { $mode }（预测）
svg-title-measured = AwaitLab 时间线：{ $scenario } · { $mode }（实测）

# 坐标轴刻度，以场景秒计。
axis-seconds = { $s } 秒
# 以事件循环步数为单位的坐标轴的最后一个刻度。
axis-steps = { $n } 步

## 不属于程序任务的泳道（任务名是程序自己的用词）。
lane-page = 页面
lane-worker = 工作线程 { $n }
