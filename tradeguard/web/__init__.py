"""tradeguard.web"""
