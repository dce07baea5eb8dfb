#ifndef COSTREPORT_CLIBPQ_SHIM_H
#define COSTREPORT_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/* libpq's PG_DIAG_* field codes are macros Swift cannot import; re-declare them. */
static const int CR_PG_DIAG_SEVERITY = 'S';
static const int CR_PG_DIAG_SQLSTATE = 'C';
static const int CR_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int CR_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int CR_PG_DIAG_MESSAGE_HINT = 'H';
static const int CR_PG_DIAG_STATEMENT_POSITION = 'P';
static const int CR_PG_DIAG_COLUMN_NAME = 'c';
static const int CR_PG_DIAG_TABLE_NAME = 't';

#endif
