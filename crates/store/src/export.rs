//! Export and import (placeholder).
