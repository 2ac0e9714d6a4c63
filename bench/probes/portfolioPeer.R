# Peer timing for `nautilus bench portfolio`: R's quadprog (Fortran Goldfarb-Idnani) on the long-only minimum variance.
# args: returns_path T n repeats [sectors]; prints JSON {"ms": median, "weights": [...]}; only solve.QP is timed.
# "sectors": also w <= 0.01 and 20 sector caps (asset j in sector j %% 20; 0.04 for sectors 0-4, 0.08 for the rest).
library(quadprog)
a <- commandArgs(trailingOnly = TRUE)
T <- as.integer(a[2]); n <- as.integer(a[3]); repeats <- as.integer(a[4])
x <- matrix(readBin(a[1], "double", n = T * n, size = 8, endian = "little"), nrow = T, ncol = n, byrow = TRUE)
S <- cov(x)
A <- cbind(rep(1, n), diag(n))
b <- c(1, rep(0, n))
if (length(a) >= 5 && a[5] == "sectors") {
  sector <- (seq_len(n) - 1) %% 20
  G <- sapply(0:19, function(g) -as.numeric(sector == g))
  A <- cbind(A, -diag(n), G)
  b <- c(b, rep(-0.01, n), -ifelse(0:19 < 5, 0.04, 0.08))
}
times <- numeric(repeats)
for (r in seq_len(repeats)) {
  t0 <- proc.time()[["elapsed"]]
  sol <- solve.QP(S, rep(0, n), A, b, meq = 1)
  times[r] <- (proc.time()[["elapsed"]] - t0) * 1000
}
cat(sprintf('{"ms": %.6f, "weights": [%s]}', median(times), paste(sprintf("%.17g", sol$solution), collapse = ",")))
