# R's quadprog (solve.QP, the Fortran Goldfarb-Idnani) on constrained portfolio problems, for referenceParity.test.ts.
# stdin: JSON {"returns": [[T rows of n]], "cases": [{"name", "lambda", "mu": bool, "target": number|null,
#   "lo", "hi", "groups": [{"members": [1-based], "max"}]}]}; stdout: JSON {name: weights}.
library(quadprog)
library(jsonlite)
req <- fromJSON(file("stdin"), simplifyVector = TRUE)
x <- as.matrix(req$returns)
S <- cov(x)
mu <- colMeans(x)
n <- ncol(x)
out <- list()
for (i in seq_len(nrow(req$cases))) {
  k <- req$cases[i, ]
  A <- matrix(1, n, 1); b <- 1; meq <- 1
  if (!is.null(k$target) && !is.na(k$target)) { A <- cbind(A, mu); b <- c(b, k$target); meq <- 2 }
  if (!is.na(k$lo)) { A <- cbind(A, diag(n)); b <- c(b, rep(k$lo, n)) }
  if (!is.na(k$hi)) { A <- cbind(A, -diag(n)); b <- c(b, rep(-k$hi, n)) }
  groups <- k$groups[[1]]
  if (!is.null(groups) && length(groups) > 0 && nrow(groups) > 0) {
    for (g in seq_len(nrow(groups))) {
      a <- rep(0, n); a[unlist(groups$members[g])] <- -1
      A <- cbind(A, a); b <- c(b, -groups$max[g])
    }
  }
  d <- if (isTRUE(k$mu)) mu else rep(0, n)
  sol <- solve.QP(k$lambda * S, d, A, b, meq = meq)
  out[[k$name]] <- sol$solution
}
cat(toJSON(out, digits = NA))
