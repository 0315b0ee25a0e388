# What several test modules share, so that no test module imports another: the committed
# data, AppTest and browser helpers, and reading back what a map layer hands the browser.
