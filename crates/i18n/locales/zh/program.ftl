# 程序面板（看点、程序状态）及其编辑器。模式的说明和示意代码为何没有程序，属于场景目录（scenarios.ftl）。

program-pane = 程序
program-look-at = 看点
# 当前程序不是该模式自带的程序时，放在模式说明之前。
program-about-own = 关于该模式自带的程序：
program-title = 程序（Python）
program-editor-label = Python 程序
program-own-status = “运行”会按原样运行这个程序：修改它，再运行一次。
program-edited-tag = 已修改
program-edited-status = 这是你的程序：“运行”会按原样运行它。
program-status = 这就是“运行”要运行的程序：你可以修改它，也可以修改参数，参数就是程序中标记的值。
program-illustration-tag = 示意
# $why：场景目录中的 .missing，是“它”后面的谓语。
program-illustration-status = 这个模式运行的是本课的 Rust 场景，而不是这段文字：它{ $why }。
editor-keys = Tab 缩进，Shift+Tab 取消缩进；先按 Esc 再按 Tab 可离开编辑器。
# $message：CPython 原样给出的语法错误。
editor-error = 第 { $line } 行，第 { $column } 列：{ $message }
editor-marks = 播放头处：
editor-marks-separator = ，
editor-mark = { $task } 在第 { $line } 行
