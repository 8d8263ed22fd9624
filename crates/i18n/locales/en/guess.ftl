# "Predict, then run": the learner's guess of the console's order and the total, and its score.

guess-toggle = Predict first
guess-toggle-title = Guess the console's order and the run's total time before you run it
guess-heading = Predict, then run
guess-intro = Put the console's lines in the order you expect the run to print them (drag them, or use ↑ and ↓), say how long the run will take, then press Run.
guess-waiting = The lines appear once the program has been predicted.
guess-nothing-printed = This program prints nothing: guess the total time only.
guess-up = Move “{ $line }” up
guess-down = Move “{ $line }” down
guess-moved = “{ $line }” is now line { $position } of { $count }.
guess-total = Total time (s)
guess-total-bad = Not a number of seconds: only the order will be scored.
guess-locked = Your guess is in: the run will answer it.
guess-right = right
guess-wrong = wrong;
guess-was = the run printed
guess-was-nothing = the run printed nothing here
guess-in-place = { $right } of { $count ->
        [one] { $count } line
       *[other] { $count } lines
    } in place.
guess-total-close = You said { $guessed } s; it took { $measured } s: close.
guess-total-off = You said { $guessed } s; it took { $measured } s: off by { $off } s.
guess-unguessed = The run also printed:
guess-again = Guess again
guess-hidden = Hidden until the run has answered your guess.
status-guessing = your guess first: order the lines, then press Run
