# Peer timing for `nautilus bench portfolio`: R's quadprog (Fortran Goldfarb-Idnani) on the long-only minimum variance.
# args: returns_path T n repeats; prints JSON {"ms": median, "weights": [...]}; only solve.QP is timed.
library(quadprog)
a <- commandArgs(trailingOnly = TRUE)
T <- as.integer(a[2]); n <- as.integer(a[3]); repeats <- as.integer(a[4])
x <- matrix(readBin(a[1], "double", n = T * n, size = 8, endian = "little"), nrow = T, ncol = n, byrow = TRUE)
S <- cov(x)
A <- cbind(rep(1, n), diag(n))
b <- c(1, rep(0, n))
times <- numeric(repeats)
for (r in seq_len(repeats)) {
  t0 <- proc.time()[["elapsed"]]
  sol <- solve.QP(S, rep(0, n), A, b, meq = 1)
  times[r] <- (proc.time()[["elapsed"]] - t0) * 1000
}
cat(sprintf('{"ms": %.6f, "weights": [%s]}', median(times), paste(sprintf("%.17g", sol$solution), collapse = ",")))
