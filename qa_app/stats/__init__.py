"""Pure statistics: no Flask, no database. Plain values in, typed figures out."""
