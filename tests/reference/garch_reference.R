# Independent reference for src/core/ml/garch.ts: fGarch's garchFit(~garch(1,1)) on a one-column return CSV.
# usage: Rscript garch_reference.R <file.csv> <norm|std> <horizon>
# Prints one JSON object (hand-written so that only fGarch is needed): coefficients, fGarch's llh (the negative
# log-likelihood), predict()'s standard deviations and the fitted conditional sd of the last day.
suppressMessages(library(fGarch))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])[[1]]
fit <- garchFit(~garch(1, 1), data = x, cond.dist = args[2], include.mean = TRUE, trace = FALSE)
num <- function(v) paste(sprintf("%.17g", v), collapse = ",")
co <- coef(fit)
sd <- predict(fit, n.ahead = as.integer(args[3]))$standardDeviation
cat(sprintf('{"mu":%s,"omega":%s,"alpha":%s,"beta":%s,"nu":%s,"llh":%s,"forecast":[%s],"lastSigma":%s}\n',
  num(co[["mu"]]), num(co[["omega"]]), num(co[["alpha1"]]), num(co[["beta1"]]),
  if ("shape" %in% names(co)) num(co[["shape"]]) else "null", num(fit@fit$llh), num(sd), num(tail(fit@sigma.t, 1))))
