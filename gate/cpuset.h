/*
 * CPU and memory node lists as --cpuset-cpus/--cpuset-mems take them
 * ("0-3,6"), read strictly (pure): decimal, no sign, no leading zeros,
 * ascending ranges, numbers below CPUSET_MAX.  dockerd's Atoi also takes
 * "+1" and "007"; the gate and the policy plugin refuse them, and share
 * this one reader.
 */
#ifndef DG_CPUSET_H
#define DG_CPUSET_H

#define CPUSET_MAX	8192 /* CPU and memory node numbers */
#define CPUSET_TEXT_MAX 256  /* bytes of a list */

/* 0, setting the listed numbers in bits (CPUSET_MAX bits; NULL to only
 * check), or -1. */
int cpuset_parse(const char *s, unsigned char *bits);

#endif
