#!/usr/bin/env bash
# Creates .venv/ at the repository root and installs the analyzer into it.
# torch is installed first and pinned: any other torch spec pulls the CUDA
# build (several GB) on this machine. Debian packages the tests, the report
# and the spinner need are installed when missing and apt-get is usable.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

apt_packages=()
[ -d /usr/share/wordnet ] || apt_packages+=(wordnet-base)
# Tests render the report in headless Chromium and check the PDF with pdftoppm.
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || apt_packages+=(poppler-utils)
if [ ${#apt_packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${apt_packages[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages: ${apt_packages[*]}" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1
.venv/bin/python -m pip install -q "torch==2.13.0"
# Every other package at the version the tests passed with (scripts/constraints.txt).
.venv/bin/python -m pip install -q -c scripts/constraints.txt -e ".[dev]"

if .venv/bin/python -m pip list 2>/dev/null | grep -qi nvidia; then
  echo "setup: CUDA packages were installed; torch must stay pinned to 2.13.0 (CPU)" >&2
  exit 1
fi
# Derived models (static candidate encoder ~1 min, ONNX int8 export ~20 s) go to the
# cache now so no test or run pays for them midway.
HF_HUB_OFFLINE=1 .venv/bin/analyzer -q models prepare >/dev/null
touch .venv/.installed
echo "setup: ready (.venv)"
