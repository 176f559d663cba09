//! Export and import (tests follow with the export module).
